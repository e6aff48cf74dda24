"""The runtime every generated package runs on: these modules are copied into it as they are.

The generator imports the rules it shares with the runtime from here (``_all_of``, ``_pointers``,
``_list_tools``, ``_diff``), so that each is written once. This file itself is not copied: the
package's ``__init__.py`` is rendered from ``templates/package_init.py.jinja``.
"""
