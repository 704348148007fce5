package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"sort"

	"github.com/xuri/excelize/v2"
)

// sortedZip is an excelize.ZipWriter that writes the parts in a fixed
// order whatever order excelize creates them in (it writes streamed
// sheets in map order). Each part is compressed as it comes, into
// memory, and the compressed parts are written out on Close.
type sortedZip struct {
	out     io.Writer
	parts   []*zipPart
	current *zipPart
	fw      *flate.Writer // reused: a compressor holds about a megabyte
}

type zipPart struct {
	name string
	data bytes.Buffer
	fw   *flate.Writer
	crc  hash.Hash32
	size uint64
}

// zipLevel is the compression of the parts.
var zipLevel = 3

func newSortedZip(w io.Writer) excelize.ZipWriter { return &sortedZip{out: w} }

// Create starts a part, finishing the one before it.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	p := &zipPart{name: name, crc: crc32.NewIEEE()}
	if z.fw == nil {
		fw, err := flate.NewWriter(&p.data, zipLevel)
		if err != nil {
			return nil, err
		}
		z.fw = fw
	} else {
		z.fw.Reset(&p.data)
	}
	p.fw = z.fw
	z.parts = append(z.parts, p)
	z.current = p
	return p, nil
}

func (p *zipPart) Write(b []byte) (int, error) {
	p.crc.Write(b)
	p.size += uint64(len(b))
	return p.fw.Write(b)
}

func (z *sortedZip) finish() error {
	if z.current == nil {
		return nil
	}
	err := z.current.fw.Close()
	z.current.fw = nil
	z.current = nil
	return err
}

// AddFS is not used by excelize's writer.
func (z *sortedZip) AddFS(fs.FS) error { return errors.New("xlsx: AddFS is not supported") }

// Close writes every part, the content types and package relationships
// first, then the rest by name.
func (z *sortedZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	rank := func(name string) int {
		switch name {
		case "[Content_Types].xml":
			return 0
		case "_rels/.rels":
			return 1
		}
		return 2
	}
	sort.SliceStable(z.parts, func(i, j int) bool {
		a, b := z.parts[i].name, z.parts[j].name
		if rank(a) != rank(b) {
			return rank(a) < rank(b)
		}
		return a < b
	})
	zw := zip.NewWriter(z.out)
	for i, p := range z.parts {
		if i > 0 && p.name == z.parts[i-1].name {
			return errors.New("xlsx: part " + p.name + " written twice")
		}
		w, err := zw.CreateRaw(&zip.FileHeader{
			Name: p.name, Method: zip.Deflate, CRC32: p.crc.Sum32(),
			CompressedSize64: uint64(p.data.Len()), UncompressedSize64: p.size,
		})
		if err != nil {
			return err
		}
		if _, err := w.Write(p.data.Bytes()); err != nil {
			return err
		}
		p.data = bytes.Buffer{}
	}
	return zw.Close()
}
