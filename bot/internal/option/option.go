// Package option applies functional options the way every platform
// adapter takes them.
package option

// Build returns defaults with opts applied in order. Nil options are
// skipped, so that a caller may pass an option it built conditionally.
func Build[T any, O ~func(*T)](defaults T, opts []O) T {
	for _, opt := range opts {
		if opt != nil {
			opt(&defaults)
		}
	}
	return defaults
}
