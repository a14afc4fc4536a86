"""The Textual interface: screens compose widgets; widgets render core state; styles in tcptui.tcss.

Nothing here decides a rule of TCP: every move goes to tcptui.core and the UI shows what it says.
"""
