package acme.broken

deny contains "x" if {
	input.attributes.x ==
}
