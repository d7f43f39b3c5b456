namespace Gc3.Persistence.Sql;

/// <summary>The statements a store prepares once per connection and reuses.</summary>
internal enum SqlStatementKind
{
    /// <summary>Insert a new record (at version 1); no row written when its ID is taken.</summary>
    InsertNew,

    /// <summary>Insert or overwrite a record whatever version it has; returns the version it leaves.</summary>
    Upsert,

    /// <summary>Overwrite a record only if it is still at the expected version (which goes up by 1); no row written otherwise.</summary>
    UpdateVersion,

    /// <summary>The version of one record.</summary>
    ReadVersion,

    /// <summary>The bytes and version of one record.</summary>
    Read,

    /// <summary>Delete one record.</summary>
    Delete,

    /// <summary>Every ID, in order.</summary>
    List,

    /// <summary>Take a block of ID numbers from the counter table.</summary>
    Reserve,

    /// <summary>Move the counter past a number a record was written under (a replace, a copy); returns the next number.</summary>
    MovePast,
}
