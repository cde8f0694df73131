package acme.bad

deny contains "x" if {
	input.x ==
}
