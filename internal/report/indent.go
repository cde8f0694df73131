package report

// appendIndented appends src — compact JSON as json.Marshal and
// json.Encoder write it, without insignificant white space — to dst
// indented as json.Indent(dst, src, prefix, indent) would, byte for byte.
// json.Indent runs its validating scanner over every byte, a function call
// each; on a large audit that was most of the JSON report's CPU time. The
// input here was just produced by the encoder and is valid, so a loop that
// tracks strings and nesting is enough (TestAppendIndentedIsJSONIndent and
// FuzzAppendIndented hold it to json.Indent).
func appendIndented(dst, src []byte, prefix, indent string) []byte {
	depth := 0
	newline := func() {
		dst = append(dst, '\n')
		dst = append(dst, prefix...)
		for range depth {
			dst = append(dst, indent...)
		}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case '"':
			// Copy the string through its closing quote; a backslash
			// escapes the byte after it.
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			end := min(j+1, len(src))
			dst = append(dst, src[i:end]...)
			i = end - 1
		case '{', '[':
			dst = append(dst, c)
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				// An empty object or array stays on its line: {} and [].
				dst = append(dst, src[i+1])
				i++
				continue
			}
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, ':', ' ')
		case ' ', '\t', '\r', '\n':
			// Insignificant white space; json.Indent drops it too.
		default:
			dst = append(dst, c)
		}
	}
	return dst
}
