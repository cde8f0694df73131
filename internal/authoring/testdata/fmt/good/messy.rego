package acme.messy
import data.rampart.lib
deny contains "x" if { lib.attr("x")==false }
