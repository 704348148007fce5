package criteria

import (
	"crypto/sha256"
	"hash"
	"math"
	"reflect"
	"sort"
	"strconv"
	"time"
)

// Fingerprint is the SHA-256 of everything the catalogue says: every
// set with its criteria, indicators, thresholds (by region and by year),
// notes and sources, the province's corrections applied. What is made
// from the criteria (a reading of a form, a judged result, a document)
// is still valid for another catalogue only when the fingerprints are
// equal. The names of the files that corrected a set (Set.Provinces, as
// the user's command line spelled them) are left out: where the files
// are does not change what they say.
//
// The value is walked field by field (see fingerprint), so that a field
// added to the types later is in it without anyone having to remember.
func (c *Catalogue) Fingerprint() [32]byte {
	f := &fingerprint{h: sha256.New(), seen: map[uintptr]int{}}
	f.value(reflect.ValueOf(c.Sets))
	var d [32]byte
	copy(d[:], f.h.Sum(nil))
	return d
}

// fingerprint writes a canonical encoding of a value: struct fields by
// name in order, map entries sorted by their key's encoding, floats by
// their bits (NaN included), a pointer met again by its first place.
type fingerprint struct {
	h    hash.Hash
	seen map[uintptr]int
	buf  []byte
}

func (f *fingerprint) str(s string) {
	f.buf = strconv.AppendInt(f.buf[:0], int64(len(s)), 10)
	f.buf = append(f.buf, ':')
	f.h.Write(f.buf)
	f.h.Write([]byte(s))
}

func (f *fingerprint) value(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			f.str("nil")
			return
		}
		if n, ok := f.seen[v.Pointer()]; ok {
			f.str("ref" + strconv.Itoa(n))
			return
		}
		f.seen[v.Pointer()] = len(f.seen)
		f.value(v.Elem())
	case reflect.Interface:
		if v.IsNil() {
			f.str("nil")
			return
		}
		f.str(v.Elem().Type().String())
		f.value(v.Elem())
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			f.str(v.Interface().(time.Time).UTC().Format(time.RFC3339Nano))
			return
		}
		t := v.Type()
		for i := range t.NumField() {
			if t == reflect.TypeFor[Set]() && t.Field(i).Name == "Provinces" {
				continue
			}
			f.str(t.Field(i).Name)
			f.value(v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		f.str("len" + strconv.Itoa(v.Len()))
		for i := range v.Len() {
			f.value(v.Index(i))
		}
	case reflect.Map:
		type entry struct {
			key string
			val reflect.Value
		}
		entries := make([]entry, 0, v.Len())
		for it := v.MapRange(); it.Next(); {
			k := &fingerprint{h: sha256.New(), seen: map[uintptr]int{}}
			k.value(it.Key())
			entries = append(entries, entry{string(k.h.Sum(nil)), it.Value()})
		}
		sort.Slice(entries, func(i, j int) bool { return entries[i].key < entries[j].key })
		f.str("map" + strconv.Itoa(len(entries)))
		for _, e := range entries {
			f.str(e.key)
			f.value(e.val)
		}
	case reflect.String:
		f.str(v.String())
	case reflect.Bool:
		f.str(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		f.str(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		f.str(strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		f.str(strconv.FormatUint(math.Float64bits(v.Float()), 16))
	default: // functions, channels: not data
		f.str(v.Kind().String())
	}
}
