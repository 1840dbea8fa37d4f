$ pcapflows --version | sed 's/[0-9][0-9.]*$/N.N.N/'
pcapflows (pcaptally) N.N.N
