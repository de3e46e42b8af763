enum PlaceholderSwitchboardWeb {}
