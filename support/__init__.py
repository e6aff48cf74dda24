"""What the tests, the benchmarks and the examples share: the ActionKit stand-in server, the
synthetic catalogue builder and the client kit generated from it. Nothing here is shipped."""
