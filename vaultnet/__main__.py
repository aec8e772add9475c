from vaultnet.launch import main

main()
