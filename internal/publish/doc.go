// Package publish is the only package of ntm that writes files. Every
// file is written atomically: into a temporary file beside its target,
// synced, closed, then renamed over the target (or linked, when the
// target must not exist yet), and the directory synced, so that a crash
// or a failed render never leaves a half-written file under its final
// name. It is the "write" stage of the pipeline and imports nothing else
// from ntm.
package publish
