namespace Gc3.Persistence.Files;

/// <summary>One record of a commit: the temporary file that holds its new bytes and the name it takes.</summary>
/// <param name="Final">The record's file name (its ID), in the store's directory.</param>
/// <param name="Temporary">The temporary file's name, in the store's directory (<c>.ID.GUID.tmp</c>).</param>
/// <param name="Inode">
/// The temporary file's inode number (0 where unknown): after a crash it tells whether the record file
/// is already the new one, even once an exchange left the old record under the temporary name.
/// </param>
/// <param name="IsNew">Whether the record is new to the store (a hint: no file to exchange with).</param>
/// <param name="Version">
/// The version (<see cref="Engine.RecordFingerprint"/>) the record file had when the commit checked it under the write
/// lock, 0 when there was none: after a crash, a record file that has it still is the one the commit replaces, and one
/// that has another was saved after the commit, which that save wins. <see langword="null"/> in a journal that does not say.
/// </param>
internal readonly record struct JournalEntry(string Final, string Temporary, ulong Inode, bool IsNew = false, long? Version = null);
