// Package publish is the only package of ntm that writes files. Every
// file is written atomically: into a temporary file beside its target,
// synced, closed, then renamed over the target (or linked, when the
// target must not exist yet), and the directory synced, so that a crash
// or a failed render never leaves a half-written file under its final
// name. Many files of one run are flushed together instead (Batch,
// the NoSync functions and SyncTree) before the record that names them
// is written. A small file that every run rewrites in many folders (a
// package's cover list) is written into a spare file kept for it and
// swapped in by one rename (ReplaceFileSpare), so that no file is made or
// freed. It is the "write" stage of the pipeline and imports nothing else
// from ntm.
package publish
