package publish

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestAppendJSONLines(t *testing.T) {
	type item struct {
		Path string `json:"path"`
		N    int    `json:"n"`
	}
	cases := []struct {
		name  string
		items []item
		want  string
	}{
		{"none", nil, "[\n]"},
		{"one", []item{{"a", 1}}, "[\n{\"path\":\"a\",\"n\":1}\n]"},
		{"two", []item{{"a", 1}, {"xã Gio Mỹ/b.pdf", 2}}, "[\n{\"path\":\"a\",\"n\":1},\n{\"path\":\"xã Gio Mỹ/b.pdf\",\"n\":2}\n]"},
	}
	// Lists long enough to be encoded in pieces, against json.Marshal of
	// each item; texts that Marshal escapes (HTML, U+2028).
	for _, n := range []int{2047, 2048, 5000} {
		items := make([]item, n)
		var want strings.Builder
		want.WriteString("[")
		for i := range items {
			items[i] = item{fmt.Sprintf("xã <%d> & \u2028 \"q\"", i), i}
			if i > 0 {
				want.WriteString(",")
			}
			data, _ := json.Marshal(&items[i])
			want.WriteString("\n" + string(data))
		}
		want.WriteString("\n]")
		cases = append(cases, struct {
			name  string
			items []item
			want  string
		}{fmt.Sprint(n, " items"), items, want.String()})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			b.WriteString("x")
			if err := AppendJSONLines(&b, c.items); err != nil {
				t.Fatal(err)
			}
			got := strings.TrimPrefix(b.String(), "x")
			if got != c.want {
				t.Fatalf("got %q, want %q", got, c.want)
			}
			var back []item
			if err := json.Unmarshal([]byte(got), &back); err != nil {
				t.Fatal(err)
			}
			if len(back) != len(c.items) || (len(back) > 0 && !reflect.DeepEqual(back, c.items)) {
				t.Fatalf("read back %v, want %v", back, c.items)
			}
		})
	}
}
