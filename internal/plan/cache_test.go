package plan

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestCacheRoundTrip: a plan taken back from the cache is the plan Load
// gave, every field (unexported ones too: positions and the communes'
// index), with the same warnings: the sample plan and the test plans of
// other offices.
func TestCacheRoundTrip(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.toml"))
	files = append(files, filepath.Join("..", "..", "input", "plan.toml"))
	n := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		p, list := Load(file, data)
		if p == nil {
			continue // a plan with errors is never kept
		}
		n++
		var buf, again bytes.Buffer
		if err := EncodeCache(&buf, p, list); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if err := EncodeCache(&again, p, list); err != nil || !bytes.Equal(buf.Bytes(), again.Bytes()) {
			t.Errorf("%s: two encodings of the plan differ (%v)", file, err)
		}
		q, qlist, err := DecodeCache(&buf)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if !reflect.DeepEqual(p, q) {
			t.Errorf("%s: the plan from the cache differs from the plan loaded", file)
		}
		if !reflect.DeepEqual(list, qlist) {
			t.Errorf("%s: problems %v from the cache, %v loaded", file, qlist, list)
		}
		if got, want := q.Pos("communes[0].name"), p.Pos("communes[0].name"); got != want || want.Line == 0 {
			t.Errorf("%s: communes[0].name at %v from the cache, %v loaded", file, got, want)
		}
	}
	if n < 2 {
		t.Fatalf("only %d plans without errors to try", n)
	}
}

// TestCacheDamaged: a cut or altered cache is an error, not a plan.
func TestCacheDamaged(t *testing.T) {
	good := sampleCache(t)
	for _, bad := range [][]byte{nil, good[:len(good)/2], []byte(strings.Repeat("\xff", 100))} {
		if q, _, err := DecodeCache(bytes.NewReader(bad)); err == nil || q != nil {
			t.Errorf("%d bytes of damaged cache: plan %v, error %v", len(bad), q != nil, err)
		}
	}
}

// FuzzDecodeCache: whatever the cache file holds, DecodeCache gives a
// plan or an error, never a panic.
func FuzzDecodeCache(f *testing.F) {
	f.Add(sampleCache(f))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		q, _, err := DecodeCache(bytes.NewReader(b))
		if (q == nil) == (err == nil) {
			t.Fatalf("plan %v with error %v", q != nil, err)
		}
	})
}

// TestCacheRefusesWhatItWouldChange: a plan with an empty list, which
// gob would give back as no list, is not kept.
func TestCacheRefusesWhatItWouldChange(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "input", "plan.toml"))
	if err != nil {
		t.Fatal(err)
	}
	p, list := Load("plan.toml", data)
	if p == nil {
		t.Fatal(list)
	}
	p.Communes[0].Missing = []int{}
	var buf bytes.Buffer
	if err := EncodeCache(&buf, p, list); !errors.Is(err, ErrNotCacheable) || buf.Len() != 0 {
		t.Fatalf("EncodeCache: %v and %d bytes, want ErrNotCacheable and nothing written", err, buf.Len())
	}
}

// sampleCache is the cache of the sample plan.
func sampleCache(tb testing.TB) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "input", "plan.toml"))
	if err != nil {
		tb.Fatal(err)
	}
	p, list := Load("plan.toml", data)
	var buf bytes.Buffer
	if err := EncodeCache(&buf, p, list); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}
