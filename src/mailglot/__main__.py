from mailglot.cli import main

main()
