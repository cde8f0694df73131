package model

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDurationBounds(t *testing.T) {
	t.Parallel()
	const day = 24 * time.Hour
	tests := []struct {
		in   string
		want time.Duration
		err  string
	}{
		{"365d", 365 * day, ""},
		{"12w", 12 * 7 * day, ""},
		{"36h", 36 * time.Hour, ""},
		{"1h30m", 90 * time.Minute, ""},
		{"36500d", MaxDuration, ""},
		{"5214w", 5214 * 7 * day, ""},
		{"876000h", MaxDuration, ""},
		// These wrapped negative (or silently huge) before: a training that
		// never expired, a policy whose review was never due.
		{"200000d", 0, `"200000d" is longer than the maximum of 100 years (36500d)`},
		{"110000d", 0, `"110000d" is longer than the maximum of 100 years`},
		{"36501d", 0, "longer than the maximum"},
		{"5215w", 0, "longer than the maximum"},
		{"99999999999999999999d", 0, "longer than the maximum"},
		{"876001h", 0, "longer than the maximum"},
		{"2562048h", 0, "longer than the maximum"},
		{"9999999999999999999ns", 0, "longer than the maximum"},
		{"0d", 0, "not a positive duration"},
		{"-5d", 0, "not a positive duration"},
		{"+5d", 0, "not a positive duration"},
		{"0s", 0, "not a positive duration"},
		{"a year", 0, "not a positive duration"},
		{"5x", 0, "not a positive duration"},
		{"", 0, "empty duration"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParseDuration(tc.in)
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}
