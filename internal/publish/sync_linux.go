package publish

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// syncTree makes everything written under dir durable: syncfs(2) flushes
// the file system that holds it in one call, where a sync of each file
// would force one journal commit per file.
func syncTree(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := unix.Syncfs(int(d.Fd())); err != nil {
		return fmt.Errorf("đồng bộ %s: %w", dir, err)
	}
	return nil
}
