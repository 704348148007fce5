//go:build !linux

package publish

// ReplaceFileSpare is ReplaceFileNoSync where names cannot be swapped in
// one rename (see the Linux version).
func ReplaceFileSpare(path, spare string, data []byte) error {
	return ReplaceFileNoSync(path, data)
}
