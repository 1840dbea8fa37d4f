$ sh "$top_srcdir/examples/five-questions.sh"
[stderr]
usage: sh five-questions.sh capture ...
[exit 2]
