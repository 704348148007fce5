//go:build !linux

package publish

import (
	"errors"
	"os"
)

// syncFS is not available: Batch falls back to one fsync per file.
func syncFS(*os.File) error { return errors.ErrUnsupported }
