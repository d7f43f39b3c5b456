namespace Gc3.Persistence.Files;

/// <summary>One record of a commit: the temporary file that holds its new bytes and the name it takes.</summary>
/// <param name="Final">The record's file name (its ID), in the store's directory.</param>
/// <param name="Temporary">The temporary file's name, in the store's directory (<c>.ID.GUID.tmp</c>).</param>
/// <param name="Inode">
/// The temporary file's inode number (0 where unknown): after a crash it tells whether the record file
/// is already the new one, even once an exchange left the old record under the temporary name.
/// </param>
/// <param name="IsNew">Whether the record is new to the store (a hint: no file to exchange with).</param>
internal readonly record struct JournalEntry(string Final, string Temporary, ulong Inode, bool IsNew = false);
