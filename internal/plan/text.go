package plan

import "github.com/ntm-project/ntm/internal/tomldec"

// nearest returns the candidate closest to key when it is close enough to
// be a likely typo (see tomldec.Nearest).
func nearest(key string, candidates []string) string { return tomldec.Nearest(key, candidates) }

// looksLegacy reports whether s looks like Vietnamese typed in a legacy
// 8-bit encoding (see tomldec.LooksLegacy).
func looksLegacy(s string) bool { return tomldec.LooksLegacy(s) }
