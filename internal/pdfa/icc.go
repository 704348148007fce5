package pdfa

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"math"
	"sync"
)

// The output intent's ICC profile: sRGB, as an ICC version 2.1 display
// ("mntr") matrix/TRC profile that ntm computes itself, so that no
// third-party profile with its own licence is shipped. Its data are the
// published parameters of IEC 61966-2-1 (sRGB): the primaries and D65
// white adapted to the D50 profile connection space with the Bradford
// transform (the colorant values every sRGB profile carries), and the sRGB
// transfer function sampled at 1024 points. Version 2 keeps it acceptable
// to PDF/A-1 readers as well as PDF/A-2.

// ICCDescription is the profile's description and the output intent's
// condition identifier.
const ICCDescription = "sRGB IEC61966-2.1"

var (
	iccOnce       sync.Once
	iccProfile    []byte // the profile
	iccCompressed []byte // zlib (FlateDecode) of it, as embedded
)

// SRGBProfile returns the ICC profile that Convert embeds.
func SRGBProfile() []byte {
	iccOnce.Do(buildICC)
	return iccProfile
}

func buildICC() {
	s15 := func(f float64) uint32 { return uint32(int32(math.Round(f * 65536))) }
	xyz := func(x, y, z float64) []byte {
		b := make([]byte, 20)
		copy(b, "XYZ ")
		binary.BigEndian.PutUint32(b[8:], s15(x))
		binary.BigEndian.PutUint32(b[12:], s15(y))
		binary.BigEndian.PutUint32(b[16:], s15(z))
		return b
	}
	text := func(s string) []byte {
		b := append([]byte("text\x00\x00\x00\x00"), s...)
		return append(b, 0)
	}
	desc := func(s string) []byte {
		b := make([]byte, 12, 12+len(s)+1+78)
		copy(b, "desc")
		binary.BigEndian.PutUint32(b[8:], uint32(len(s)+1))
		b = append(b, s...)
		b = append(b, 0)
		// Unicode language code and count (none), ScriptCode code,
		// count and the 67-byte Macintosh description (none).
		return append(b, make([]byte, 4+4+2+1+67)...)
	}
	const n = 1024
	curve := make([]byte, 12+2*n)
	copy(curve, "curv")
	binary.BigEndian.PutUint32(curve[8:], n)
	for i := 0; i < n; i++ {
		v := float64(i) / (n - 1)
		var lin float64
		if v <= 0.04045 {
			lin = v / 12.92
		} else {
			lin = math.Pow((v+0.055)/1.055, 2.4)
		}
		binary.BigEndian.PutUint16(curve[12+2*i:], uint16(math.Round(lin*65535)))
	}
	type tag struct {
		sig  string
		data []byte
	}
	tags := []tag{
		{"desc", desc(ICCDescription)},
		{"cprt", text("No copyright; computed by ntm from the parameters of IEC 61966-2-1")},
		{"wtpt", xyz(0.9642, 1.0, 0.8249)},
		{"rXYZ", xyz(0.436066, 0.222488, 0.013916)},
		{"gXYZ", xyz(0.385147, 0.716873, 0.097076)},
		{"bXYZ", xyz(0.143066, 0.060608, 0.714096)},
		{"rTRC", curve},
		{"gTRC", nil}, // share rTRC's data
		{"bTRC", nil},
	}
	headerLen := 128 + 4 + 12*len(tags)
	var body bytes.Buffer
	table := make([]byte, 4+12*len(tags))
	binary.BigEndian.PutUint32(table, uint32(len(tags)))
	var curveOff, curveLen uint32
	for i, t := range tags {
		off, size := uint32(headerLen+body.Len()), uint32(len(t.data))
		if t.data == nil {
			off, size = curveOff, curveLen
		} else {
			body.Write(t.data)
			for body.Len()%4 != 0 {
				body.WriteByte(0)
			}
		}
		if t.sig == "rTRC" {
			curveOff, curveLen = off, size
		}
		e := table[4+12*i:]
		copy(e, t.sig)
		binary.BigEndian.PutUint32(e[4:], off)
		binary.BigEndian.PutUint32(e[8:], size)
	}
	h := make([]byte, 128)
	total := uint32(headerLen + body.Len())
	binary.BigEndian.PutUint32(h[0:], total)
	binary.BigEndian.PutUint32(h[8:], 0x02100000) // version 2.1.0
	copy(h[12:], "mntr")
	copy(h[16:], "RGB ")
	copy(h[20:], "XYZ ")
	// Creation date: fixed, so that the profile's bytes never change.
	for i, v := range []uint16{2026, 12, 1, 0, 0, 0} {
		binary.BigEndian.PutUint16(h[24+2*i:], v)
	}
	copy(h[36:], "acsp")
	binary.BigEndian.PutUint32(h[64:], 0) // perceptual
	binary.BigEndian.PutUint32(h[68:], s15(0.9642))
	binary.BigEndian.PutUint32(h[72:], s15(1.0))
	binary.BigEndian.PutUint32(h[76:], s15(0.8249))
	p := append(append(h, table...), body.Bytes()...)
	iccProfile = p
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	w.Write(p)
	w.Close()
	iccCompressed = z.Bytes()
}
