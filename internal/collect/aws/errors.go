package aws

import (
	"errors"
	"fmt"
	"net/http"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
)

// deniedCodes are the error codes AWS services use for a missing IAM
// permission (query, JSON and REST protocols differ).
var deniedCodes = map[string]bool{
	"AccessDenied":                 true,
	"AccessDeniedException":        true,
	"UnauthorizedOperation":        true,
	"Client.UnauthorizedOperation": true,
	"AuthorizationError":           true,
	"UnauthorizedAccess":           true,
}

// throttleCodes extends the SDK's list with codes seen from older services.
var throttleCodes = map[string]bool{
	"Throttling":                             true,
	"ThrottlingException":                    true,
	"ThrottledException":                     true,
	"RequestThrottledException":              true,
	"TooManyRequestsException":               true,
	"ProvisionedThroughputExceededException": true,
	"TransactionInProgressException":         true,
	"RequestLimitExceeded":                   true,
	"BandwidthLimitExceeded":                 true,
	"LimitExceededException":                 true,
	"RequestThrottled":                       true,
	"SlowDown":                               true,
	"PriorRequestNotComplete":                true,
	"EC2ThrottledException":                  true,
}

func errorCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

func isDenied(err error) bool {
	if deniedCodes[errorCode(err)] {
		return true
	}
	var re *awshttp.ResponseError
	// S3 answers HEAD requests with a bare 403 and no code.
	return errors.As(err, &re) && re.HTTPStatusCode() == http.StatusForbidden && errorCode(err) == ""
}

func isThrottle(err error) bool { return throttleCodes[errorCode(err)] }

// hasCode reports whether err is an AWS error with one of codes; the
// "does not exist" answers that are data, not failures, are checked this way.
func hasCode(err error, codes ...string) bool {
	c := errorCode(err)
	for _, want := range codes {
		if c == want {
			return true
		}
	}
	return false
}

// errSummary is a short form of err for the snapshot's incomplete reason.
func errSummary(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return fmt.Sprintf("%s: %s", ae.ErrorCode(), ae.ErrorMessage())
	}
	return err.Error()
}

// errMissing is the error of an answer that parsed but lacks the member
// the operation always returns: a broken answer, never "not configured".
func errMissing(member string) error {
	return fmt.Errorf("the answer has no %s", member)
}

// maxPages bounds one paginated listing: 10,000 pages is millions of
// items, more than any account holds of one type.
const maxPages = 10000

// errPageCycle: a listing handed out a page token it had already handed
// out. The SDK's paginators stop quietly on a token repeated back to back
// (StopOnDuplicateToken) — a list cut short that reads as complete — and
// loop for ever on a longer cycle; either way the listing is not collected.
var errPageCycle = errors.New("pagination loops")

// pageGuard checks the next-page token of each page of one listing.
type pageGuard struct {
	seen  map[string]bool
	pages int
}

// next is told each page's next token (nil or empty on the last page).
func (g *pageGuard) next(token *string) error {
	g.pages++
	t := sdkaws.ToString(token)
	if t == "" {
		return nil
	}
	if g.pages >= maxPages {
		return fmt.Errorf("still a next page after %d pages", g.pages)
	}
	if g.seen == nil {
		g.seen = map[string]bool{}
	}
	if g.seen[t] {
		return fmt.Errorf("%w: page %d hands out the token %q again", errPageCycle, g.pages, t)
	}
	g.seen[t] = true
	return nil
}

// truncated is the next token of the query protocols that mark the last
// page with IsTruncated rather than by leaving the marker out.
func truncated(isTruncated bool, marker *string) *string {
	if !isTruncated {
		return nil
	}
	return marker
}
