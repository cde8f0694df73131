package rampart.aws.s3.broken

deny contains "x" if {
	input.x ==
}
