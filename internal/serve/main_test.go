package serve

import (
	"os"
	"testing"

	"github.com/rampart-audit/rampart/internal/store/pgtest"
)

// TestMain stops the throwaway PostgreSQL cluster of the real-store tests.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
