// Package distribute decides who gets which document and lays out a
// package per addressee and period: the documents (hard links to the
// output files) and a cover list, under
// <output>/<kỳ>/noi-nhan/<addressee>/. It also writes the list of all
// packages (phan-phoi.json) that `ntm send` and the register read.
//
// Who gets what. Each recipient line of a document ("UBND các xã Thuận,
// Cam Chính, Gio Mỹ, Gio Mai") stands for its addressees; the "Lưu:" line
// is not a recipient. An addressee without a list of documents of its
// own gets:
//
//   - a document that has its own "Nơi nhận" (the plan, a consolidated
//     report): when the addressee is on that list;
//   - a commune's report: when the addressee is that commune's (its
//     People's Committee, `commune`), or the district's the commune lies in
//     (`district`);
//   - a workbook: when the addressee is tied to no commune and no district
//     (the province, the office's own units).
//
// An addressee with `documents` gets exactly the kinds listed, of every
// period ("bao-cao-xa" limited to its commune or district when it has
// one). It receives by e-mail when it has an address and no other
// delivery is said, else by hand; "buu-dien" is by post.
//
// The package is pure data until WritePackages, which goes through
// package publish.
package distribute

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/ntm-project/ntm/internal/publish"
)

// Kind is a kind of document, as the plan's `documents` lists name it.
type Kind string

// The kinds of document that are distributed.
const (
	Plan          Kind = "ke-hoach"   // the plan
	Report        Kind = "bao-cao"    // a consolidated report
	CommuneReport Kind = "bao-cao-xa" // a commune's report
	Workbook      Kind = "tong-hop"   // a consolidated workbook
)

// Kinds lists the kinds, for messages.
var Kinds = []Kind{Plan, Report, CommuneReport, Workbook}

// Delivery is how an addressee receives its documents.
type Delivery string

// The deliveries.
const (
	Email  Delivery = "email"    // thư điện tử
	ByHand Delivery = "tay"      // giao tận tay
	ByPost Delivery = "buu-dien" // gửi qua bưu điện
)

// Addressee is one receiver, as the plan (or a narrative file) gives it.
type Addressee struct {
	Name     string   `json:"name"`               // "UBND xã Gio Mai"
	Email    string   `json:"email,omitempty"`    // "ubnd.giomai@quangtri.example"
	Commune  string   `json:"commune,omitempty"`  // the commune id whose People's Committee this is
	District string   `json:"district,omitempty"` // the district (as the communes name it) whose communes' reports it gets
	Delivery Delivery `json:"delivery"`           // "" in the input: e-mail when Email is set, else by hand
	// Documents overrides the defaults when not nil.
	Documents []Kind `json:"documents,omitempty"`
	// Key places the addressee in its input for messages, e.g.
	// "recipients[3].addressees[1]"; not written out.
	Key string `json:"-"`
}

// Recipient is one "Nơi nhận" line and the addressees it stands for.
type Recipient struct {
	Line       string
	Addressees []Addressee
	Key        string // "recipients[3]"
}

// Document is one issued file.
type Document struct {
	Path    string // slash path under the output folder: "2021-H1/bao-cao-2021-H1.pdf"
	Kind    Kind
	Period  string // "2021-H1"; the plan's is the half-year of its date
	Commune string // the commune of a commune's report
	// Title is how the cover list and the e-mail name it: "Báo cáo số
	// …/BC-SKH ngày 15 tháng 6 năm 2021 — Kết quả thực hiện …".
	Title  string
	SHA256 string
	Size   int64
	Pages  int
	// Recipients is the document's own "Nơi nhận" (plan, consolidated
	// report); nil for an enclosure.
	Recipients []Recipient
}

// Commune is what distribution needs of a commune.
type Commune struct {
	ID, Name, District string
}

// Input is everything Distribute decides from.
type Input struct {
	Documents []Document
	Communes  []Commune
}

// Problem is something wrong with the recipients, at Key.
type Problem struct {
	Key     string
	Message string // Vietnamese
	Warning bool
}

// File is one document in a package.
type File struct {
	Path   string `json:"path"` // under the output folder
	Name   string `json:"name"` // in the package folder
	Kind   Kind   `json:"kind"`
	Title  string `json:"title"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
	Pages  int    `json:"pages,omitempty"`
}

// Package is what one addressee gets for one period.
type Package struct {
	Period    string    `json:"period"`
	Addressee Addressee `json:"addressee"`
	// Folder is the package's folder under the output folder:
	// "2021-H1/noi-nhan/UBND xã Gio Mai".
	Folder string `json:"folder"`
	Files  []File `json:"files"`
}

// Digest identifies the package's content: a SHA-256 over every field
// of its record (the same record always gives the same digest).
func (p *Package) Digest() string {
	b := make([]byte, 0, 512)
	w := func(ss ...string) {
		for _, s := range ss {
			b = strconv.AppendInt(b, int64(len(s)), 10)
			b = append(b, ':')
			b = append(b, s...)
		}
	}
	a := p.Addressee
	w(p.Period, p.Folder, a.Name, a.Email, a.Commune, a.District, string(a.Delivery))
	for _, k := range a.Documents {
		w(string(k))
	}
	w("files")
	for _, f := range p.Files {
		w(f.Path, f.Name, string(f.Kind), f.Title, f.SHA256, strconv.FormatInt(f.Size, 10), strconv.Itoa(f.Pages))
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// PackagesDir is the folder, in each period's folder, that holds the
// packages.
const PackagesDir = "noi-nhan"

// maxFolderBytes leaves room in a 255-byte name for ReplaceDir's prefixes.
const maxFolderBytes = 150

// Distribute works out every package. Problems are errors (two
// addressees whose folders would be one, an unknown kind, an addressee
// by e-mail without an address) or warnings (an addressee given twice
// with different details); the packages are still computed.
func Distribute(in Input) ([]Package, []Problem) {
	var probs []Problem
	district := map[string]string{}
	for _, c := range in.Communes {
		district[c.ID] = c.District
	}
	// Every addressee of every document's list, once, in order of first
	// appearance.
	type who struct {
		a      Addressee
		lists  map[string]bool // documents whose Nơi nhận name it
		folder string
	}
	var order []*who
	byKey := map[string]*who{}
	var folders publish.Names
	for _, d := range in.Documents {
		for _, r := range d.Recipients {
			for _, a := range r.Addressees {
				a = resolve(a, &probs)
				k := publish.NameKey(strings.Join(strings.Fields(a.Name), " "))
				w := byKey[k]
				if w == nil {
					folder := publish.SafeName(a.Name, maxFolderBytes)
					w = &who{a: a, lists: map[string]bool{}, folder: folder}
					byKey[k] = w
					order = append(order, w)
					if prev, ok := folders.Claim(folder, k); !ok {
						probs = append(probs, Problem{Key: a.Key, Message: fmt.Sprintf("nơi nhận %q và %q có cùng tên thư mục %q: đặt tên khác nhau", a.Name, byKey[prev].a.Name, folder)})
					}
				} else if w.a.Email != a.Email || w.a.Commune != a.Commune || w.a.District != a.District || w.a.Delivery != a.Delivery {
					probs = append(probs, Problem{Key: a.Key, Warning: true,
						Message: fmt.Sprintf("nơi nhận %q đã có ở %s với thông tin khác; dùng thông tin ở đó", a.Name, w.a.Key)})
				}
				w.lists[d.Path] = true
			}
		}
	}
	var pkgs []Package
	byPeriod := map[string][]Document{}
	var periods []string
	for _, d := range in.Documents {
		if _, ok := byPeriod[d.Period]; !ok {
			periods = append(periods, d.Period)
		}
		byPeriod[d.Period] = append(byPeriod[d.Period], d)
	}
	sort.Strings(periods)
	for _, per := range periods {
		docs := byPeriod[per]
		perDir := publish.SafeName(per, 0)
		sort.SliceStable(docs, func(i, j int) bool { return rank(docs[i].Kind) < rank(docs[j].Kind) })
		// Index the period's documents, so that each addressee looks only
		// at the documents that can be its own (10.000 communes would
		// otherwise cost 10.000 × 10.000 checks).
		byKind := map[Kind][]int{}
		byCommune := map[string][]int{}
		byDistrict := map[string][]int{}
		for i, d := range docs {
			byKind[d.Kind] = append(byKind[d.Kind], i)
			if d.Kind == CommuneReport {
				byCommune[d.Commune] = append(byCommune[d.Commune], i)
				if dist := district[d.Commune]; dist != "" {
					byDistrict[dist] = append(byDistrict[dist], i)
				}
			}
		}
		for _, w := range order {
			cand := map[int]bool{}
			for _, k := range []Kind{Plan, Report, Workbook} {
				for _, i := range byKind[k] {
					cand[i] = true
				}
			}
			if w.a.Commune == "" && w.a.District == "" {
				if w.a.Documents != nil {
					for _, i := range byKind[CommuneReport] {
						cand[i] = true
					}
				}
			} else {
				for _, i := range byCommune[w.a.Commune] {
					cand[i] = true
				}
				for _, i := range byDistrict[w.a.District] {
					cand[i] = true
				}
			}
			idx := make([]int, 0, len(cand))
			for i := range cand {
				idx = append(idx, i)
			}
			sort.Ints(idx)
			var files []File
			names := map[string]bool{}
			for _, i := range idx {
				d := docs[i]
				if !gets(w.a, w.lists[d.Path], d, district) {
					continue
				}
				name := path.Base(d.Path)
				key := publish.NameKey(name)
				for k := 2; names[key]; k++ {
					ext := path.Ext(d.Path)
					name = strings.TrimSuffix(path.Base(d.Path), ext) + fmt.Sprintf("-%d", k) + ext
					key = publish.NameKey(name)
				}
				names[key] = true
				files = append(files, File{Path: d.Path, Name: name, Kind: d.Kind, Title: d.Title, SHA256: d.SHA256, Size: d.Size, Pages: d.Pages})
			}
			if len(files) == 0 {
				continue
			}
			pkgs = append(pkgs, Package{
				Period: per, Addressee: w.a, Files: files,
				Folder: path.Join(perDir, PackagesDir, w.folder),
			})
		}
	}
	return pkgs, probs
}

// rank orders a package's files: plan, report, commune reports, workbook.
func rank(k Kind) int {
	for i, x := range Kinds {
		if x == k {
			return i
		}
	}
	return len(Kinds)
}

// resolve fills in the delivery and checks the addressee.
func resolve(a Addressee, probs *[]Problem) Addressee {
	a.Name = strings.TrimSpace(a.Name)
	if a.Delivery == "" {
		a.Delivery = ByHand
		if a.Email != "" {
			a.Delivery = Email
		}
	}
	switch a.Delivery {
	case Email:
		if a.Email == "" {
			*probs = append(*probs, Problem{Key: a.Key, Message: fmt.Sprintf("nơi nhận %q nhận bằng thư điện tử nhưng không có địa chỉ email", a.Name)})
		}
	case ByHand, ByPost:
	default:
		*probs = append(*probs, Problem{Key: a.Key, Message: fmt.Sprintf("cách nhận %q không có; cần một trong: email, tay, buu-dien", a.Delivery)})
	}
	for _, k := range a.Documents {
		if rank(k) == len(Kinds) {
			*probs = append(*probs, Problem{Key: a.Key, Message: fmt.Sprintf("loại văn bản %q không có; cần một trong: ke-hoach, bao-cao, bao-cao-xa, tong-hop", k)})
		}
	}
	return a
}

// gets says whether addressee a receives document d (see the package
// comment); listed says whether d's own Nơi nhận names a.
func gets(a Addressee, listed bool, d Document, district map[string]string) bool {
	mine := func() bool {
		if a.Commune == "" && a.District == "" {
			return true
		}
		return a.Commune == d.Commune || a.District != "" && a.District == district[d.Commune]
	}
	if a.Documents != nil {
		for _, k := range a.Documents {
			if k == d.Kind {
				return d.Kind != CommuneReport || mine()
			}
		}
		return false
	}
	switch d.Kind {
	case Plan, Report:
		return listed
	case CommuneReport:
		return (a.Commune != "" || a.District != "") && mine()
	case Workbook:
		return a.Commune == "" && a.District == ""
	}
	return false
}

// PeriodLabel names a period in words: "2021-H1" → "6 tháng đầu năm
// 2021", "2020-H2" → "6 tháng cuối năm 2020"; anything else is returned
// as it is.
func PeriodLabel(p string) string {
	year, half, ok := strings.Cut(p, "-")
	switch {
	case ok && half == "H1":
		return "6 tháng đầu năm " + year
	case ok && half == "H2":
		return "6 tháng cuối năm " + year
	}
	return p
}
