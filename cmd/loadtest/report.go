package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"text/tabwriter"
	"time"
)

// table prints aligned rows of a measure and its value.
type table struct{ tw *tabwriter.Writer }

func newTable(w io.Writer) *table {
	return &table{tw: tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)}
}

func (t *table) row(measure, value string) { fmt.Fprintf(t.tw, "  %s\t%s\n", measure, value) }

func (t *table) flush() { t.tw.Flush() }

// percentiles returns the nearest-rank percentiles ps (in (0,1]) of ds.
func percentiles(ds []time.Duration, ps ...float64) []time.Duration {
	out := make([]time.Duration, len(ps))
	if len(ds) == 0 {
		return out
	}
	sorted := slices.Clone(ds)
	slices.Sort(sorted)
	for i, p := range ps {
		rank := int(math.Ceil(p * float64(len(sorted))))
		out[i] = sorted[min(max(rank, 1), len(sorted))-1]
	}
	return out
}

// ms formats a duration in milliseconds.
func ms(d time.Duration) string {
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}

// mib formats bytes in MiB.
func mib(n uint64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }
