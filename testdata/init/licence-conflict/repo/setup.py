from setuptools import setup

setup(
    name="registro",
    version="0.3.0",
    license="GPL-2.0",
)
