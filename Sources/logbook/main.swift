import CLI

Logbook.main()
