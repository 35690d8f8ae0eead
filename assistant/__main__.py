from assistant.interfaces.cli import main

raise SystemExit(main())
