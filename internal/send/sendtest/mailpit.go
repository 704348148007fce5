// Package sendtest starts a real SMTP server for tests: Mailpit
// (github.com/axllent/mailpit, installed by scripts/test.sh), on free
// loopback ports with a temporary database, and reads what arrived
// through its HTTP API. Without Mailpit a test is skipped, except when
// NTM_CI=1 (scripts/test.sh sets it), where it fails.
package sendtest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Server is a running Mailpit.
type Server struct {
	SMTPPort int
	api      string
	cmd      *exec.Cmd
}

// Binary finds the mailpit program: on PATH, in $GOBIN, or in
// $GOPATH/bin (where `go install` puts it).
func Binary() string {
	if p, err := exec.LookPath("mailpit"); err == nil {
		return p
	}
	var dirs []string
	if out, err := exec.Command("go", "env", "GOBIN", "GOPATH").Output(); err == nil {
		f := strings.Split(strings.TrimSpace(string(out)), "\n")
		if len(f) > 0 && f[0] != "" {
			dirs = append(dirs, f[0])
		}
		if len(f) > 1 {
			for _, gp := range filepath.SplitList(f[1]) {
				dirs = append(dirs, filepath.Join(gp, "bin"))
			}
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, "go", "bin"))
	}
	for _, d := range dirs {
		p := filepath.Join(d, "mailpit")
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
	}
	return ""
}

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Start runs Mailpit with extra flags (e.g. "--smtp-allowed-recipients",
// "^ubnd"), stopped when the test ends.
func Start(t testing.TB, extra ...string) *Server {
	t.Helper()
	bin := Binary()
	if bin == "" {
		if os.Getenv("NTM_CI") == "1" {
			t.Fatal("mailpit is missing: scripts/test.sh installs it (go install github.com/axllent/mailpit@v1.33.1)")
		}
		t.Skip("mailpit missing (go install github.com/axllent/mailpit@v1.33.1)")
	}
	s := &Server{SMTPPort: freePort(t)}
	http := freePort(t)
	s.api = "http://127.0.0.1:" + strconv.Itoa(http)
	args := append([]string{
		"--smtp", "127.0.0.1:" + strconv.Itoa(s.SMTPPort),
		"--listen", "127.0.0.1:" + strconv.Itoa(http),
		"--database", filepath.Join(t.TempDir(), "mailpit.db"),
		"--disable-version-check", "--smtp-disable-rdns", "--max", "0",
	}, extra...)
	s.cmd = exec.Command(bin, args...)
	logf, _ := os.Create(filepath.Join(t.TempDir(), "mailpit.log"))
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	if err := s.cmd.Start(); err != nil {
		t.Fatalf("start mailpit: %v", err)
	}
	t.Cleanup(func() {
		s.cmd.Process.Kill()
		s.cmd.Wait()
		logf.Close()
	})
	// A first start after the machine booted, its binary not yet in the
	// page cache, while go test builds and runs other packages, took
	// more than 15 s once.
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := httpGet(s.api + "/api/v1/info")
		if err == nil {
			resp.Body.Close()
			if c, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(s.SMTPPort), time.Second); err == nil {
				c.Close()
				return s
			}
		}
		if time.Now().After(deadline) {
			b, _ := os.ReadFile(logf.Name())
			t.Fatalf("mailpit did not start: %v\n%s", err, b)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

var client = &http.Client{Timeout: 10 * time.Second}

func httpGet(url string) (*http.Response, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != 200 {
		resp.Body.Close()
		return nil, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return resp, nil
}

func (s *Server) get(t testing.TB, path string, v any) []byte {
	t.Helper()
	resp, err := httpGet(s.api + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		t.Fatal(err)
	}
	if v != nil {
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	return b
}

// Address is a mailbox as the API gives it.
type Address struct{ Name, Address string }

// Attachment is one attachment, with its bytes' SHA-256.
type Attachment struct {
	FileName, ContentType string
	SHA256                string
}

// Message is one message that arrived.
type Message struct {
	ID, MessageID string
	From          Address
	To            []Address
	Subject       string
	Text          string
	Attachments   []Attachment
	Raw           string // the message as received
}

// Messages lists every message that arrived, oldest first, with its
// attachments downloaded and hashed.
func (s *Server) Messages(t testing.TB) []Message {
	t.Helper()
	var list struct {
		Messages []struct{ ID string }
	}
	s.get(t, "/api/v1/messages?limit=100000", &list)
	var out []Message
	for i := len(list.Messages) - 1; i >= 0; i-- {
		id := list.Messages[i].ID
		var m struct {
			ID, MessageID, Subject, Text string
			From                         Address
			To                           []Address
			Attachments                  []struct{ PartID, FileName, ContentType string }
		}
		s.get(t, "/api/v1/message/"+id, &m)
		msg := Message{ID: m.ID, MessageID: m.MessageID, From: m.From, To: m.To, Subject: m.Subject, Text: m.Text}
		for _, a := range m.Attachments {
			b := s.get(t, "/api/v1/message/"+id+"/part/"+a.PartID, nil)
			sum := sha256.Sum256(b)
			msg.Attachments = append(msg.Attachments, Attachment{a.FileName, a.ContentType, hex.EncodeToString(sum[:])})
		}
		msg.Raw = string(s.get(t, "/api/v1/message/"+id+"/raw", nil))
		out = append(out, msg)
	}
	return out
}
