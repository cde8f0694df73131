package acme.tidy

deny contains "x" if input.attributes.x == false
