package main

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"io"
	"os"
)

// buildID identifies this build of ntm for what a build keeps in
// output/.cache (pipeline.Config.Build): the Go build ID of the
// executable, a digest of everything it was built from, read from its
// ELF note in a few microseconds; where the executable is not ELF
// (Windows, macOS), the SHA-256 of the executable (about 25 ms). The
// version alone does not do: a binary built without version control
// information (go run, -buildvcs=false) carries the same version from one
// change of the code to the next. Empty when the executable cannot be
// read: then the version alone decides.
func buildID() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if s := f.Section(".note.go.buildid"); s != nil {
			if b, err := s.Data(); err == nil && len(b) > 0 {
				return digest(b)
			}
		}
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func digest(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:16])
}
