enum PlaceholderSwitchboardApp {}
