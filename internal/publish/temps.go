package publish

import (
	"os"
	"sync"
)

// live holds the temporary files and folders of writes in progress, so
// that a process that must end at once (a second Ctrl-C) can remove them
// on its way out instead of leaving them for the next run.
var live sync.Map

func track(p string)   { live.Store(p, struct{}{}) }
func untrack(p string) { live.Delete(p) }

// RemoveTemporaries removes the temporary files and folders of every
// write still in progress. It is for a process about to exit without
// finishing them; targets already renamed into place are not touched.
func RemoveTemporaries() {
	live.Range(func(k, _ any) bool {
		os.RemoveAll(k.(string))
		live.Delete(k)
		return true
	})
}
