package terraform

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"time"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// mapServerCertificates builds aws.iam.server_certificate from
// aws_iam_server_certificate (CIS 1.19). The expiration is the leaf
// certificate's NotAfter, read from certificate_body when the PEM is known
// statically (a literal, a heredoc or file()); IAM reports the same date.
// Only the public certificate is read: private_key is never evaluated into
// the evidence.
func mapServerCertificates(m *mapper) {
	for _, in := range m.byType["aws_iam_server_certificate"] {
		b := newBuilder(evidence.TypeAWSIAMServerCertificate, id(in), in, globalScope(in))
		// name_prefix, or a name not known statically: the address, so a
		// message still has something to call the certificate.
		b.identifier("server_certificate_name", get(in.Body, "name"), in)
		b.unknown("server_certificate_id", "unknown until apply: "+in.Address+".id")
		b.unknown("arn", "unknown until apply: "+in.Address+".arn")
		b.unknown("upload_date", "unknown until apply: "+in.Address+".upload_date")
		b.set("path", get(in.Body, "path"), "/")
		body := get(in.Body, "certificate_body")
		pemText, ok := str(body)
		if !ok {
			b.unknown("expiration", in.Address+".certificate_body: "+unknownReason(body))
			m.emit(b)
			continue
		}
		notAfter, err := leafNotAfter(pemText)
		if err != nil {
			b.unknown("expiration", fmt.Sprintf("%s.certificate_body: %v", in.Address, err))
			m.warn(in, "Unreadable certificate", fmt.Sprintf("%s: certificate_body: %v; its expiry is not checked.", in.Address, err))
		} else {
			b.r.Attributes["expiration"] = notAfter.UTC().Format(time.RFC3339)
		}
		m.emit(b)
	}
}

// leafNotAfter is the expiry of the first certificate of a PEM bundle (the
// one IAM serves; a chain belongs in certificate_chain).
func leafNotAfter(text string) (time.Time, error) {
	block, _ := pem.Decode([]byte(text))
	if block == nil || block.Type != "CERTIFICATE" {
		return time.Time{}, fmt.Errorf("no PEM CERTIFICATE block")
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse certificate: %w", err)
	}
	return cert.NotAfter, nil
}
