package awstest

import "net/http"

// s3Depth answers the bucket settings of issue 18: Object Ownership and
// Object Lock, with the not-found errors S3 gives a bucket without them.
func (s *Server) s3Depth(c *call, b *Bucket) error {
	const t = "application/xml"
	switch c.op {
	case "GetBucketOwnershipControls":
		if b.Ownership == "" {
			s.fail(c, http.StatusNotFound, "OwnershipControlsNotFoundError", "The bucket ownership controls were not found")
			return nil
		}
		return render(c, t, "s3/GetBucketOwnershipControls", b)
	default: // GetObjectLockConfiguration
		if b.ObjectLock == "" {
			s.fail(c, http.StatusNotFound, "ObjectLockConfigurationNotFoundError", "Object Lock configuration does not exist for this bucket")
			return nil
		}
		return render(c, t, "s3/GetObjectLockConfiguration", b)
	}
}
