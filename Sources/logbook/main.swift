import CLI

LogbookCommand.main()
