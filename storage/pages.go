package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"time"
)

// The page check reads the file with plain reads, not through bbolt's
// memory map, and follows bbolt's file format (version 2, unchanged since
// 2014) from the meta page down to every reachable page: each page must
// lie inside the file, say its own number, be a branch or a leaf where one
// is expected, hold its elements and their keys and values inside itself,
// keep its keys in order, and be reached once and not be free. bbolt's own
// Tx.Check cannot be used on a damaged file: it walks the memory map in a
// goroutine of its own, where a garbage key length is a fault that kills
// the process.

// The parts of bbolt's file format the check reads.
const (
	boltMagic        = 0xED0CDAED
	boltVersion      = 2
	pageHeaderSize   = 16 // id uint64, flags uint16, count uint16, overflow uint32
	elementSize      = 16 // branch: pos, ksize uint32, pgid uint64; leaf: flags, pos, ksize, vsize uint32
	inBucketSize     = 16 // root pgid uint64, sequence uint64
	metaChecksumAt   = 56 // offset of the checksum in the meta, after what it sums
	branchPageFlag   = 0x01
	leafPageFlag     = 0x02
	freelistPageFlag = 0x10
	bucketLeafFlag   = 0x01
	noFreelist       = ^uint64(0)
	// pagesPerClockRead is how many pages the check reads between two
	// looks at the clock.
	pagesPerClockRead = 64
)

// errBudget stops a check whose time is up.
var errBudget = errors.New("check budget spent")

// pageChecker checks the pages of one file.
type pageChecker struct {
	f        io.ReaderAt
	pageSize uint64
	hwm      uint64 // pages in use: the high water mark
	free     map[uint64]bool
	seen     map[uint64]bool
	deadline time.Time // zero: no limit
	read     int
}

// checkPages checks the file at path as described above. It returns
// errBudget when the deadline (if not zero) passed before the end, or an
// error describing the first damage found.
func checkPages(path string, deadline time.Time) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	c := &pageChecker{f: f, seen: map[uint64]bool{}, free: map[uint64]bool{}, deadline: deadline}
	root, freelist, err := c.meta()
	if err != nil {
		return err
	}
	if need := c.hwm * c.pageSize; uint64(info.Size()) < need {
		return fmt.Errorf("the file is %d bytes but its pages need %d: it was cut short", info.Size(), need)
	}
	if freelist != noFreelist {
		if err := c.freelist(freelist); err != nil {
			return fmt.Errorf("free page list (page %d): %w", freelist, err)
		}
	}
	if root == 0 {
		return errors.New("the root bucket is inline, which bbolt never writes")
	}
	if err := c.tree(root); err != nil {
		return fmt.Errorf("root bucket: %w", err)
	}
	return nil
}

// meta reads the two meta pages and keeps the newest valid one, as bbolt
// does, returning its root page and freelist page.
func (c *pageChecker) meta() (root, freelist uint64, err error) {
	var best struct{ txid, pageSize, root, freelist, hwm uint64 }
	found := false
	// The first meta page is at 0 whatever the page size; the second one
	// is at the page size the first declares (or 4096 when it is broken).
	second := int64(4096)
	for i := range 2 {
		off := int64(0)
		if i == 1 {
			off = second
		}
		buf := make([]byte, pageHeaderSize+64)
		if _, err := c.f.ReadAt(buf, off); err != nil {
			continue
		}
		m := buf[pageHeaderSize:]
		le := binary.NativeEndian
		h := fnv.New64a()
		h.Write(m[:metaChecksumAt])
		if le.Uint32(m[0:]) != boltMagic || le.Uint32(m[4:]) != boltVersion || le.Uint64(m[metaChecksumAt:]) != h.Sum64() {
			continue
		}
		ps := uint64(le.Uint32(m[8:]))
		if i == 0 {
			second = int64(ps)
		}
		txid := le.Uint64(m[48:])
		if !found || txid > best.txid {
			best.txid, best.pageSize, best.root, best.freelist, best.hwm = txid, ps, le.Uint64(m[16:]), le.Uint64(m[32:]), le.Uint64(m[40:])
			found = true
		}
	}
	if !found {
		return 0, 0, errors.New("neither meta page is valid (wrong magic, version or checksum)")
	}
	if best.pageSize < 1024 || best.pageSize > 1<<20 || best.pageSize&(best.pageSize-1) != 0 {
		return 0, 0, fmt.Errorf("page size %d is not a power of two between 1 KB and 1 MB", best.pageSize)
	}
	c.pageSize, c.hwm = best.pageSize, best.hwm
	return best.root, best.freelist, nil
}

// page reads page id with its overflow pages and checks its header.
func (c *pageChecker) page(id uint64) ([]byte, error) {
	if id < 2 || id >= c.hwm {
		return nil, fmt.Errorf("page %d is outside the pages in use (2–%d)", id, c.hwm-1)
	}
	if c.read++; c.read%pagesPerClockRead == 0 && !c.deadline.IsZero() && time.Now().After(c.deadline) {
		return nil, errBudget
	}
	head := make([]byte, c.pageSize)
	if _, err := c.f.ReadAt(head, int64(id*c.pageSize)); err != nil {
		return nil, fmt.Errorf("page %d: %w", id, err)
	}
	if got := binary.NativeEndian.Uint64(head); got != id {
		return nil, fmt.Errorf("page %d says it is page %d", id, got)
	}
	overflow := uint64(binary.NativeEndian.Uint32(head[12:]))
	if id+overflow >= c.hwm {
		return nil, fmt.Errorf("page %d runs %d pages past the pages in use", id, id+overflow-c.hwm+1)
	}
	if overflow == 0 {
		return head, nil
	}
	buf := make([]byte, (1+overflow)*c.pageSize)
	if _, err := c.f.ReadAt(buf, int64(id*c.pageSize)); err != nil {
		return nil, fmt.Errorf("page %d: %w", id, err)
	}
	return buf, nil
}

// freelist reads the list of free pages.
func (c *pageChecker) freelist(id uint64) error {
	buf, err := c.page(id)
	if err != nil {
		return err
	}
	if flags := binary.NativeEndian.Uint16(buf[8:]); flags != freelistPageFlag {
		return fmt.Errorf("page type %#x, want a free list", flags)
	}
	c.seen[id] = true
	start, count := uint64(pageHeaderSize), uint64(binary.NativeEndian.Uint16(buf[10:]))
	if count == 0xFFFF {
		count = binary.NativeEndian.Uint64(buf[pageHeaderSize:])
		start += 8
	}
	if count > (uint64(len(buf))-start)/8 {
		return fmt.Errorf("%d free pages do not fit in the page", count)
	}
	for i := range count {
		p := binary.NativeEndian.Uint64(buf[start+8*i:])
		if p < 2 || p >= c.hwm {
			return fmt.Errorf("free page %d is outside the pages in use", p)
		}
		if c.free[p] {
			return fmt.Errorf("page %d is freed twice", p)
		}
		c.free[p] = true
	}
	return nil
}

// tree checks the B+tree whose root is page id.
func (c *pageChecker) tree(id uint64) error {
	buf, err := c.page(id)
	if err != nil {
		return err
	}
	for p := id; p < id+uint64(len(buf))/c.pageSize; p++ {
		if c.seen[p] {
			return fmt.Errorf("page %d is reached twice", p)
		}
		if c.free[p] {
			return fmt.Errorf("page %d is in use and free", p)
		}
		c.seen[p] = true
	}
	switch flags := binary.NativeEndian.Uint16(buf[8:]); flags {
	case branchPageFlag:
		return c.branch(id, buf)
	case leafPageFlag:
		return c.leaf(fmt.Sprintf("page %d", id), buf)
	default:
		return fmt.Errorf("page %d has type %#x, want a branch or a leaf", id, flags)
	}
}

// elements returns the count of a page's elements, checking that their
// headers fit in it.
func elements(where string, buf []byte) (int, error) {
	n := int(binary.NativeEndian.Uint16(buf[10:]))
	if pageHeaderSize+n*elementSize > len(buf) {
		return 0, fmt.Errorf("%s: %d elements do not fit in %d bytes", where, n, len(buf))
	}
	return n, nil
}

// span returns buf[at : at+n], or an error when that is outside buf.
func span(where string, buf []byte, at, n uint64) ([]byte, error) {
	if at > uint64(len(buf)) || n > uint64(len(buf))-at {
		return nil, fmt.Errorf("%s: %d bytes at %d run past the end (%d bytes)", where, n, at, len(buf))
	}
	return buf[at : at+n], nil
}

// branch checks a branch page and the pages below it.
func (c *pageChecker) branch(id uint64, buf []byte) error {
	where := fmt.Sprintf("page %d", id)
	n, err := elements(where, buf)
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%s: an empty branch", where)
	}
	var prev []byte
	for i := range n {
		e := uint64(pageHeaderSize + i*elementSize)
		pos, ksize := uint64(binary.NativeEndian.Uint32(buf[e:])), uint64(binary.NativeEndian.Uint32(buf[e+4:]))
		key, err := span(where, buf, e+pos, ksize)
		if err != nil {
			return err
		}
		if i > 0 && bytes.Compare(prev, key) >= 0 {
			return fmt.Errorf("%s: keys out of order at element %d", where, i)
		}
		prev = key
		if err := c.tree(binary.NativeEndian.Uint64(buf[e+8:])); err != nil {
			return err
		}
	}
	return nil
}

// leaf checks a leaf page (of the file, or inline in a bucket's value) and
// the buckets it holds.
func (c *pageChecker) leaf(where string, buf []byte) error {
	n, err := elements(where, buf)
	if err != nil {
		return err
	}
	var prev []byte
	for i := range n {
		e := uint64(pageHeaderSize + i*elementSize)
		flags := binary.NativeEndian.Uint32(buf[e:])
		pos := uint64(binary.NativeEndian.Uint32(buf[e+4:]))
		ksize, vsize := uint64(binary.NativeEndian.Uint32(buf[e+8:])), uint64(binary.NativeEndian.Uint32(buf[e+12:]))
		kv, err := span(where, buf, e+pos, ksize+vsize)
		if err != nil {
			return err
		}
		key, value := kv[:ksize], kv[ksize:]
		if i > 0 && bytes.Compare(prev, key) >= 0 {
			return fmt.Errorf("%s: keys out of order at element %d", where, i)
		}
		prev = key
		if flags&bucketLeafFlag == 0 {
			continue
		}
		if err := c.bucket(fmt.Sprintf("%s, bucket %q", where, key), value); err != nil {
			return err
		}
	}
	return nil
}

// bucket checks a nested bucket from its value: a root page, or an
// inline page right after the header.
func (c *pageChecker) bucket(where string, value []byte) error {
	if len(value) < inBucketSize {
		return fmt.Errorf("%s: a bucket value of %d bytes", where, len(value))
	}
	if root := binary.NativeEndian.Uint64(value); root != 0 {
		return c.tree(root)
	}
	inline := value[inBucketSize:]
	if len(inline) < pageHeaderSize {
		return fmt.Errorf("%s: an inline bucket of %d bytes", where, len(inline))
	}
	if flags := binary.NativeEndian.Uint16(inline[8:]); flags != leafPageFlag {
		return fmt.Errorf("%s: an inline bucket of type %#x, want a leaf", where, flags)
	}
	return c.leaf(where+" (inline)", inline)
}
