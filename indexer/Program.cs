Console.WriteLine("searchengine-indexer: not yet wired");
return 0;
