package bank

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// Notes are read as UTF-8. Two other encodings are common enough in notes
// kept on Windows that the bank reads them rather than turning every
// Chinese character into U+FFFD: UTF-16 with a byte order mark (Notepad's
// "Unicode"), and GB18030, of which GBK and GB2312 are subsets (the default
// of Chinese Windows). A file in either is read, with a warning naming the
// iconv command that converts it, since other tools will still trip on it.
// golang.org/x/text does the decoding.

var utf8BOM = []byte("\uFEFF")

// decodeNotes returns a notes file as UTF-8 text: without a byte order
// mark, and decoded from UTF-16 or GB18030 when it is in one of those.
// Invalid UTF-8 that is not GB18030 is left for the readers, which report
// it line by line.
func decodeNotes(file string, data []byte) ([]byte, Problems) {
	if bytes.HasPrefix(data, utf8BOM) {
		return data[len(utf8BOM):], nil
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err == nil {
			return out, Problems{{Source{file, 1}, Warning, "the file is UTF-16, not UTF-8; it was read as UTF-16. " + convertHint(file, "UTF-16")}}
		}
	}
	if utf8.Valid(data) {
		return data, nil
	}
	if out, ok := asGB18030(data); ok {
		return out, Problems{{Source{file, 1}, Warning, "the file is not UTF-8 but reads as GB18030 (GBK) Chinese, so it was read that way. " + convertHint(file, "GB18030")}}
	}
	return data, nil
}

// convertHint says how to store a file as UTF-8.
func convertHint(file, from string) string {
	return fmt.Sprintf("Store it as UTF-8 to silence this: iconv -f %s -t UTF-8 %q > %q, then replace the file with the copy", from, file, file+".utf8")
}

// asGB18030 decodes data as GB18030 and reports whether it reads as
// Chinese text: every byte sequence valid, and most characters beyond
// ASCII Chinese characters or CJK punctuation. A UTF-8 file with a few bad
// bytes, or Latin-1 text, fails one of the two.
func asGB18030(data []byte) ([]byte, bool) {
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return nil, false
	}
	cjk, other := 0, 0
	for _, r := range string(out) {
		switch {
		case r < utf8.RuneSelf:
		case textnorm.IsCJK(r), r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF:
			cjk++
		default:
			other++
		}
	}
	return out, cjk > 0 && cjk >= 4*other
}

// invalidUTF8 is the message for a line with bytes that are not UTF-8; the
// first one of a file says how to convert the file.
func invalidUTF8(first bool) string {
	msg := "invalid UTF-8 (the bad bytes were replaced with U+FFFD)"
	if first {
		msg += "; if the file is in another encoding, convert it to UTF-8 (iconv -f ENCODING -t UTF-8 FILE)"
	}
	return msg
}
