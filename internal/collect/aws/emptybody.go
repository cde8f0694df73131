package aws

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// emptyBodyError is the error of a 2xx answer without a body from an
// operation whose answer is a document. Every operation the collector calls
// answers with one (an XML or JSON document, the policy JSON of
// GetBucketPolicy, the CSV of the credential report inside XML).
type emptyBodyError struct {
	status int
}

func (e *emptyBodyError) Error() string {
	return fmt.Sprintf("empty response body (HTTP %d) where the operation answers with a document", e.status)
}

// RetryableError makes the SDK's retryer try again: an empty answer is more
// likely a proxy or load balancer fault than a state of the account, and a
// persistent one still ends as an error after the last attempt.
func (e *emptyBodyError) RetryableError() bool { return true }

// rejectEmptyBody fails a 2xx answer whose body is empty or only
// whitespace. The SDK's XML and query protocol deserializers treat a body
// that ends before the root element as an empty output, and its JSON
// deserializers ignore io.EOF, so without this an empty 200 from
// DescribeSecurityGroups reads as "no security groups" and one from
// GetBucketAcl as "no grants" — a pass on data nobody saw.
//
// A middleware rather than checks of output fields: it covers every
// operation of every client built from the run's config in one place,
// including list operations whose empty output is indistinguishable from
// "nothing there". It runs inside the retry loop, below the operation's
// deserializer, so it sees the raw body first.
func rejectEmptyBody(st *middleware.Stack) error {
	return st.Deserialize.Add(middleware.DeserializeMiddlewareFunc("RampartRejectEmptyBody",
		func(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
			out, md, err := next.HandleDeserialize(ctx, in)
			if err != nil {
				return out, md, err
			}
			resp, ok := out.RawResponse.(*smithyhttp.Response)
			if !ok || resp.Response == nil || resp.StatusCode < 200 || resp.StatusCode > 299 || resp.StatusCode == http.StatusNoContent {
				return out, md, err
			}
			if req, ok := in.Request.(*smithyhttp.Request); ok && req.Method == http.MethodHead {
				return out, md, err
			}
			if resp.Body == nil || resp.Body == http.NoBody {
				return out, md, &emptyBodyError{status: resp.StatusCode}
			}
			br := bufio.NewReaderSize(resp.Body, 4096)
			if blank(br) {
				_ = resp.Body.Close()
				return out, md, &emptyBodyError{status: resp.StatusCode}
			}
			resp.Body = readCloser{Reader: br, Closer: resp.Body}
			return out, md, err
		}), middleware.After)
}

// blank reports whether the body ends before its first non-whitespace
// byte. Only the first 4 KiB are looked at; what is peeked stays in br for
// the deserializer. A read error other than EOF is left for the
// deserializer to report.
func blank(br *bufio.Reader) bool {
	for n := 1; n <= br.Size(); n++ {
		b, err := br.Peek(n)
		if len(b) == n {
			switch b[n-1] {
			case ' ', '\t', '\r', '\n':
				continue
			}
			return false
		}
		return err == io.EOF
	}
	return false
}

type readCloser struct {
	io.Reader
	io.Closer
}
