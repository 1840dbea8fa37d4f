$ pcapflows /dev/null
[stderr]
pcapflows: /dev/null: cannot read capture: the file is empty
[exit 1]
