package model

import (
	"fmt"
	"strconv"
	"time"
)

// MaxDuration bounds every workspace duration (valid_for, review_every,
// alert_sla). time.Duration holds about 292 years, and "200000d" multiplied
// past that wrapped negative: a training that never expired, a policy whose
// review could never be due. Nothing in governance is meant to last longer
// than a century, so longer is a typo, not a policy.
const MaxDuration = 100 * 365 * 24 * time.Hour

// ParseDuration reads "365d", "12w", "36h" or any Go duration, positive
// and at most MaxDuration; anything else is an error saying which range.
func ParseDuration(s string) (time.Duration, error) {
	if s == "" {
		return 0, fmt.Errorf("empty duration")
	}
	tooLong := func() error {
		return fmt.Errorf("%q is longer than the maximum of 100 years (36500d)", s)
	}
	if per := unitOf(s[len(s)-1]); per > 0 && allDigits(s[:len(s)-1]) {
		n, err := strconv.ParseInt(s[:len(s)-1], 10, 64)
		switch {
		case err != nil || n > int64(MaxDuration/per):
			// Checked before multiplying: the product is what overflowed.
			return 0, tooLong()
		case n == 0:
			return 0, fmt.Errorf("%q is not a positive duration such as 365d, 12w or 36h", s)
		}
		return time.Duration(n) * per, nil
	}
	dur, err := time.ParseDuration(s)
	switch {
	case err != nil && seconds(s) > MaxDuration.Seconds():
		// time.ParseDuration rejects a value past ~292 years as invalid.
		return 0, tooLong()
	case err != nil || dur <= 0:
		return 0, fmt.Errorf("%q is not a positive duration such as 365d, 12w or 36h", s)
	case dur > MaxDuration:
		return 0, tooLong()
	}
	return dur, nil
}

func unitOf(c byte) time.Duration {
	switch c {
	case 'd':
		return 24 * time.Hour
	case 'w':
		return 7 * 24 * time.Hour
	}
	return 0
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// seconds is the length of a Go duration string in float64 seconds, which
// does not overflow where time.Duration does; 0 if s is not one.
func seconds(s string) float64 {
	units := map[string]float64{"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "μs": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600}
	total := 0.0
	for s != "" {
		i := 0
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
			i++
		}
		n, err := strconv.ParseFloat(s[:i], 64)
		if err != nil {
			return 0
		}
		j := i
		for j < len(s) && !(s[j] >= '0' && s[j] <= '9' || s[j] == '.') {
			j++
		}
		u, ok := units[s[i:j]]
		if !ok {
			return 0
		}
		total += n * u
		s = s[j:]
	}
	return total
}
