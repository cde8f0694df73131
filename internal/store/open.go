package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"modernc.org/sqlite"
)

// dialect is what differs between the two backends; the SQL of store.go is
// written once with ? placeholders.
type dialect struct {
	name   string // the migrations folder
	bigint string
	// lockMigrations serialises migrations across processes (PostgreSQL);
	// SQLite's immediate transactions do that already.
	lockMigrations string
	// maxParams bounds the placeholders of one statement.
	maxParams int
	numbered  bool // $1, $2 … instead of ?
}

var (
	sqliteDialect   = dialect{name: "sqlite", bigint: "INTEGER", maxParams: 30000}
	postgresDialect = dialect{name: "postgres", bigint: "BIGINT", numbered: true, maxParams: 60000,
		lockMigrations: "SELECT pg_advisory_xact_lock(7265727301)"} // "rampart" store
)

// rebind turns ? placeholders into $n for PostgreSQL. The store's SQL has
// no ? inside string literals.
func (d dialect) rebind(q string) string {
	if !d.numbered {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// DefaultPath is where the store lives when --store and RAMPART_STORE are
// not given: $XDG_DATA_HOME/rampart/rampart.db, else
// ~/.local/share/rampart/rampart.db (on macOS and Windows,
// os.UserConfigDir()/rampart/rampart.db). getenv reads the environment
// (nil: os.Getenv), so the commands' tests pass a map.
func DefaultPath(getenv func(string) string) (string, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	if dir := getenv("XDG_DATA_HOME"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "rampart", "rampart.db"), nil
	}
	if home, err := os.UserHomeDir(); err == nil && isXDGPlatform() {
		return filepath.Join(home, ".local", "share", "rampart", "rampart.db"), nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("default store path: %w (give --store)", err)
	}
	return filepath.Join(dir, "rampart", "rampart.db"), nil
}

// Open opens (creating it if need be) the store a DSN names and brings its
// schema up to date: "postgres://…" or "postgresql://…" is PostgreSQL,
// "file:PATH" or a plain PATH is SQLite. A store whose schema is newer than
// this build is refused (ErrNewerSchema).
func Open(ctx context.Context, dsn string) (Store, error) {
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return openPostgres(ctx, dsn)
	case dsn == "":
		return nil, fmt.Errorf("open store: empty DSN (want file:PATH or postgres://…)")
	}
	return openSQLite(ctx, strings.TrimPrefix(dsn, "file:"))
}

func openPostgres(ctx context.Context, dsn string) (Store, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	db := stdlib.OpenDB(*cfg)
	return finishOpen(ctx, db, postgresDialect, redactDSN(dsn))
}

func openSQLite(ctx context.Context, path string) (Store, error) {
	if path == "" {
		return nil, fmt.Errorf("open store: file: names no path")
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("open store: %w", err)
		}
	}
	// WAL lets readers (rampart runs, the dashboard) read while an audit
	// writes; immediate transactions take the write lock at BEGIN, so two
	// writers queue on busy_timeout instead of failing mid-transaction.
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	db := sql.OpenDB(sqliteConnector{dsn: "file:" + path + "?" + q.Encode()})
	return finishOpen(ctx, db, sqliteDialect, path)
}

func finishOpen(ctx context.Context, db *sql.DB, d dialect, name string) (Store, error) {
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", name, err)
	}
	if err := migrate(ctx, db, d); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", name, err)
	}
	host, _ := os.Hostname()
	s := &sqlStore{db: db, d: d, name: name, owner: owner{host: host, pid: os.Getpid()}, now: time.Now, alive: processAlive}
	if err := s.backfillTrendRows(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", name, err)
	}
	return s, nil
}

// sqliteConnector opens modernc.org/sqlite connections without the
// driver's registration by name.
type sqliteConnector struct{ dsn string }

func (c sqliteConnector) Connect(context.Context) (driver.Conn, error) {
	return (&sqlite.Driver{}).Open(c.dsn)
}
func (c sqliteConnector) Driver() driver.Driver { return &sqlite.Driver{} }

// redactDSN drops the password of a PostgreSQL DSN for messages.
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}

func nowMicro() int64 { return time.Now().UnixMicro() }
