$ echo hello > notes.txt; pcapflows notes.txt
[stderr]
pcapflows: notes.txt: cannot read capture: unknown file format
[exit 1]
