from gasdesk.cli import main

raise SystemExit(main())
