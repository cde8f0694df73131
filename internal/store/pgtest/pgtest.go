// Package pgtest runs a throwaway PostgreSQL cluster for a test binary:
// one cluster per binary (started on the first Start, stopped by Main),
// a fresh database per test. It is the harness of the store's tests
// against PostgreSQL and of everything else that needs a real PostgreSQL
// (the workers). The cluster is Debian's PostgreSQL (initdb, pg_ctl) in a
// temporary folder, on a Unix socket only; as root, the server runs as the
// `postgres` user (initdb refuses root).
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
//
//	dsn := pgtest.Start(t) // postgres://…/t_…, dropped when the test ends
//
// A cluster that cannot be started fails the test with the reason: never
// a skip.
package pgtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Cluster is a running throwaway PostgreSQL.
type Cluster struct {
	dir     string // holds data/, the socket and the log
	bin     string
	asUser  string // "" runs the binaries as this process's user
	adminDB string // DSN of the postgres database
}

var (
	mu       sync.Mutex
	current  *Cluster
	startErr error
	inMain   bool
	dbSeq    atomic.Int64
)

// Main runs the tests of a binary and stops the cluster after them, if
// one was started. Call it from TestMain.
func Main(m *testing.M) int {
	mu.Lock()
	inMain = true
	mu.Unlock()
	code := m.Run()
	mu.Lock()
	defer mu.Unlock()
	if current != nil {
		if err := current.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, "pgtest:", err)
			if code == 0 {
				code = 1
			}
		}
		current = nil
	}
	return code
}

// Start returns the DSN of a new, empty database in the binary's cluster,
// starting the cluster the first time. The database is dropped when the
// test ends. It fails the test when PostgreSQL cannot be started.
func Start(t testing.TB) string {
	t.Helper()
	c, err := cluster()
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	name := fmt.Sprintf("t_%d_%d", os.Getpid(), dbSeq.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.admin(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("pgtest: create database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := c.admin(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("pgtest: drop database %s: %v", name, err)
		}
	})
	return c.DSN(name)
}

func cluster() (*Cluster, error) {
	mu.Lock()
	defer mu.Unlock()
	if !inMain {
		return nil, errors.New("the test binary's TestMain must call pgtest.Main(m), which stops the cluster after the tests")
	}
	if current == nil && startErr == nil {
		current, startErr = New()
	}
	return current, startErr
}

// DSN names a database of the cluster.
func (c *Cluster) DSN(db string) string {
	return "postgres://rampart@/" + db + "?host=" + url.QueryEscape(c.dir) + "&sslmode=disable"
}

func (c *Cluster) admin(ctx context.Context, sql string) error {
	conn, err := pgx.Connect(ctx, c.adminDB)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}

// New initialises and starts a cluster in a new temporary folder. Stop it.
func New() (*Cluster, error) {
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "pgtest")
	if err != nil {
		return nil, fmt.Errorf("temp dir: %w", err)
	}
	c := &Cluster{dir: dir, bin: bin}
	if os.Geteuid() == 0 {
		// initdb refuses root: the cluster belongs to the postgres user.
		c.asUser = "postgres"
		if err := chownTo(dir, c.asUser); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	data := filepath.Join(dir, "data")
	if out, err := c.run("initdb", "-D", data, "-U", "rampart", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %w\n%s", err, out)
	}
	// Unix socket only (no TCP port to collide on), fsync off: a test
	// cluster is thrown away, durability is not what it tests.
	opts := "-k " + dir + " -c listen_addresses= -c fsync=off -c full_page_writes=off -c max_connections=200"
	if out, err := c.run("pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(dir, "log"), "-w", "-t", "60", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		os.RemoveAll(dir)
		return nil, fmt.Errorf("pg_ctl start: %w\n%s\n%s", err, out, log)
	}
	c.adminDB = c.DSN("postgres")
	return c, nil
}

// Stop stops the server and removes its folder.
func (c *Cluster) Stop() error {
	out, err := c.run("pg_ctl", "-D", filepath.Join(c.dir, "data"), "-m", "fast", "-w", "stop")
	rmErr := os.RemoveAll(c.dir)
	if err != nil {
		return fmt.Errorf("pg_ctl stop: %w\n%s", err, out)
	}
	return rmErr
}

func (c *Cluster) run(tool string, args ...string) ([]byte, error) {
	path := filepath.Join(c.bin, tool)
	var cmd *exec.Cmd
	if c.asUser != "" {
		cmd = exec.Command("runuser", append([]string{"-u", c.asUser, "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	cmd.Dir = c.dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.Bytes(), err
}

// binDir finds initdb and pg_ctl: $PGTEST_BIN, else the newest
// /usr/lib/postgresql/N/bin, else the PATH.
func binDir() (string, error) {
	if dir := os.Getenv("PGTEST_BIN"); dir != "" {
		return dir, nil
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	sort.Slice(matches, func(i, j int) bool { return version(matches[i]) > version(matches[j]) })
	if len(matches) > 0 {
		return filepath.Dir(matches[0]), nil
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", errors.New("PostgreSQL's initdb not found in /usr/lib/postgresql/*/bin or the PATH (apt-get install postgresql-15, or set PGTEST_BIN)")
}

func version(initdb string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(initdb))))
	return n
}

func chownTo(dir, name string) error {
	u, err := user.Lookup(name)
	if err != nil {
		return fmt.Errorf("running as root, the cluster needs the %q user: %w", name, err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(dir, uid, gid); err != nil {
		return fmt.Errorf("chown %s: %w", dir, err)
	}
	if _, err := exec.LookPath("runuser"); err != nil {
		return fmt.Errorf("running as root, the cluster is started with runuser: %w", err)
	}
	return nil
}

// String names the cluster for messages.
func (c *Cluster) String() string { return strings.TrimSpace("postgres in " + c.dir) }
