package assess

import (
	"strconv"
	"strings"
	"testing"
)

// TestScannerEntities: an entity reference is judged the same, at the same
// offset, whether the window holds it whole or cuts it in pieces.
func TestScannerEntities(t *testing.T) {
	cases := []struct {
		name, xml, want string // want: "" for no error, else a part of it
	}{
		{"predefined", `<a>x &lt;&gt;&amp;&quot;&apos; y</a>`, ""},
		{"char refs", `<a>&#65;&#x1F600;&#X41;</a>`, ""},
		{"ten-char name", `<a>&#000000065;</a>`, ""},
		{"undefined", `<a>xx &nbsp; yy</a>`, "&nbsp; (chỉ cho phép"},
		{"bad digits", `<0>&000000;`, "&000000; (chỉ cho phép"},
		{"control char", `<a>&#1;</a>`, "&#1;"},
		{"no semicolon", `<a>&amp x</a>`, "&amp x"},
		{"too long", `<a>&#0000000065;</a>`, "&#0000000065 "},
		{"cut by a tag", `<a>x&am<b/></a>`, "&am"},
		{"cut by CDATA", `<a>&lt<![CDATA[x]]></a>`, "&lt"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			big := tokens([]byte(c.xml), scanWindow, false)
			small := tokens([]byte(c.xml), 7, true)
			if big != small {
				t.Fatalf("window changes the result:\n32 KB: %s\n7 B:   %s", big, small)
			}
			_, errText, hasErr := strings.Cut(big, "error ")
			switch {
			case c.want == "" && hasErr:
				t.Fatalf("unexpected error: %s", errText)
			case c.want != "" && !hasErr:
				t.Fatalf("no error, want %q; tokens %s", c.want, big)
			case c.want != "" && !strings.Contains(errText, c.want):
				t.Fatalf("error %q, want it to name %q", errText, c.want)
			}
			if hasErr {
				at := strings.Index(c.xml, "&")
				if !strings.HasSuffix(errText, "(byte "+strconv.Itoa(at)+")") {
					t.Fatalf("error %q, want it at byte %d (the '&')", errText, at)
				}
			}
		})
	}
}
