from vaultnet.cli import main

main()
